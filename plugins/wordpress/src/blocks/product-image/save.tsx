import { useBlockProps } from '@wordpress/block-editor';
import type { BlockAttributes } from './attributes';

/** A kept result renders as a plain figure; before that the block renders nothing on the site. */
export default function save({ attributes }: { attributes: BlockAttributes }) {
  if (!attributes.resultUrl) return null;
  return (
    <figure {...useBlockProps.save()}>
      <img
        src={attributes.resultUrl}
        alt={attributes.alt}
        className={attributes.resultId ? `wp-image-${attributes.resultId}` : undefined}
      />
    </figure>
  );
}
