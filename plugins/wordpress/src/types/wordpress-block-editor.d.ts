// @wordpress/block-editor ships no type declarations; these cover what the block uses.
declare module '@wordpress/block-editor' {
  import type { ComponentType, ReactNode } from 'react';

  export interface MediaItem {
    id: number;
    url: string;
    alt?: string;
    mime?: string;
    type?: string;
  }

  export function useBlockProps(props?: Record<string, unknown>): Record<string, unknown>;
  export namespace useBlockProps {
    function save(props?: Record<string, unknown>): Record<string, unknown>;
  }
  export const InspectorControls: ComponentType<{ children?: ReactNode }>;
  export const MediaUploadCheck: ComponentType<{ children?: ReactNode; fallback?: ReactNode }>;
  export const MediaUpload: ComponentType<{
    onSelect: (media: MediaItem) => void;
    allowedTypes?: string[];
    value?: number;
    render: (props: { open: () => void }) => ReactNode;
  }>;
  export const MediaPlaceholder: ComponentType<{
    onSelect: (media: MediaItem) => void;
    allowedTypes?: string[];
    accept?: string;
    labels?: { title?: string; instructions?: string };
    icon?: ReactNode;
  }>;
  export const store: string;
}
