import { InlineStack, Pagination } from '@shopify/polaris';
import type { PagerState } from '../api/use-cursor-pages.js';

/** Newer / older buttons for a `useCursorPages` list, named for what they page ("Older tasks"), with the page number. */
export function CursorPager({
  pager,
  previousLabel,
  nextLabel,
}: {
  pager: PagerState;
  previousLabel: string;
  nextLabel: string;
}) {
  return (
    <InlineStack align="center">
      <Pagination
        label={`Page ${pager.pageNumber}`}
        hasPrevious={pager.hasPrevious}
        onPrevious={pager.previous}
        hasNext={pager.hasNext}
        onNext={pager.next}
        accessibilityLabels={{ previous: previousLabel, next: nextLabel }}
      />
    </InlineStack>
  );
}
