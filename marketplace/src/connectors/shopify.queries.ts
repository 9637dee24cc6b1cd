// GraphQL documents sent by the Shopify connector (Admin API 2026-10).

const PRODUCT_FIELDS = 'id title vendor productType status updatedAt';
const VARIANT_FIELDS = 'id title sku';
/** A variant shows at most one media item. */
const VARIANT_MEDIA = 'media(first: 1) { nodes { id } }';
const MEDIA_FIELDS = 'id alt mediaContentType status ... on MediaImage { image { url } }';

export const SHOP_QUERY = `query PixportShop { shop { id name myshopifyDomain plan { publicDisplayName shopifyPlus } } }`;

/**
 * Per product this requests 1 + variants (2 + 10 × (1 + 3)) + media (2 + 10 × 2) + collections (2 + 10)
 * = 77 points, so 12 products stay under the 1,000-point single-query limit. Shopify charges the actual
 * cost (what came back), and the client refunds the difference, so a small page costs no more per product.
 */
export const PRODUCTS_PAGE_SIZE = 12;
export const PRODUCTS_QUERY = `query PixportProducts($first: Int!, $after: String, $query: String) {
  products(first: $first, after: $after, query: $query, sortKey: ID) {
    pageInfo { hasNextPage endCursor }
    nodes {
      ${PRODUCT_FIELDS} collections(first: 10) { nodes { id title } }
      variants(first: 10) { nodes { ${VARIANT_FIELDS} ${VARIANT_MEDIA} } } media(first: 10) { nodes { ${MEDIA_FIELDS} } }
    }
  }
}`;

export const PRODUCT_QUERY = `query PixportProduct($id: ID!) {
  product(id: $id) {
    ${PRODUCT_FIELDS} collections(first: 50) { nodes { id title } }
    variants(first: 100) { nodes { ${VARIANT_FIELDS} ${VARIANT_MEDIA} } } media(first: 50) { nodes { ${MEDIA_FIELDS} } }
  }
}`;

export const PRODUCTS_COUNT_QUERY = `query PixportProductsCount($query: String) { productsCount(query: $query, limit: null) { count precision } }`;

export const MEDIA_STATUS_QUERY = `query PixportMedia($id: ID!) { node(id: $id) { ... on MediaImage { id alt status mediaErrors { code message } image { url } } } }`;

export function bulkProductsQuery(search: string | null): string {
  const args = search ? `(query: ${JSON.stringify(search)})` : '';
  // Five connections, nested two deep (products → variants → media): Shopify's bulk limits.
  return `{ products${args} { edges { node { ${PRODUCT_FIELDS}
    collections { edges { node { id title } } }
    variants { edges { node { ${VARIANT_FIELDS} media { edges { node { id } } } } } }
    media { edges { node { ${MEDIA_FIELDS} } } } } } } }`;
}

/** groupObjects false (the 2026-01+ default, said out loud): grouping is slower and the assembler does not need it. */
export const BULK_RUN_MUTATION = `mutation PixportBulkRun($query: String!) {
  bulkOperationRunQuery(query: $query, groupObjects: false) { bulkOperation { id status } userErrors { field message code } }
}`;

/** By id: several bulk operations can run per shop, and currentBulkOperation only shows the newest. */
export const BULK_STATUS_QUERY = `query PixportBulkStatus($id: ID!) { bulkOperation(id: $id) { id status errorCode objectCount rootObjectCount url } }`;

export const STAGED_UPLOADS_MUTATION = `mutation PixportStage($input: [StagedUploadInput!]!) {
  stagedUploadsCreate(input: $input) { stagedTargets { url resourceUrl parameters { name value } } userErrors { field message } }
}`;

/** The new file's id comes back in this answer, so no read of the product can confuse it with another publish's. */
export const FILE_CREATE_MUTATION = `mutation PixportFileCreate($files: [FileCreateInput!]!) {
  fileCreate(files: $files) { files { id fileStatus } userErrors { field message code } }
}`;

export const FILE_DELETE_MUTATION = `mutation PixportFileDelete($fileIds: [ID!]!) {
  fileDelete(fileIds: $fileIds) { deletedFileIds userErrors { field message code } }
}`;

export const JOB_QUERY = `query PixportJob($id: ID!) { job(id: $id) { id done } }`;

export const FILE_UPDATE_MUTATION = `mutation PixportFileUpdate($files: [FileUpdateInput!]!) {
  fileUpdate(files: $files) { files { id } userErrors { field message code } }
}`;

export const REORDER_MEDIA_MUTATION = `mutation PixportReorder($id: ID!, $moves: [MoveInput!]!) {
  productReorderMedia(id: $id, moves: $moves) { job { id done } mediaUserErrors { field message code } }
}`;

export const VARIANT_MEDIA_MUTATION = `mutation PixportVariantMedia($productId: ID!, $variantMedia: [ProductVariantAppendMediaInput!]!) {
  productVariantAppendMedia(productId: $productId, variantMedia: $variantMedia) { userErrors { field message code } }
}`;

export const VARIANT_DETACH_MUTATION = `mutation PixportVariantDetach($productId: ID!, $variantMedia: [ProductVariantDetachMediaInput!]!) {
  productVariantDetachMedia(productId: $productId, variantMedia: $variantMedia) { userErrors { field message code } }
}`;

/** Every document the connector sends, by name, for the official-schema test (bulkProductsQuery is checked with and without a search). */
export const SHOPIFY_DOCUMENTS: Record<string, string> = {
  SHOP_QUERY,
  PRODUCTS_QUERY,
  PRODUCT_QUERY,
  PRODUCTS_COUNT_QUERY,
  MEDIA_STATUS_QUERY,
  BULK_RUN_MUTATION,
  BULK_STATUS_QUERY,
  STAGED_UPLOADS_MUTATION,
  FILE_CREATE_MUTATION,
  FILE_UPDATE_MUTATION,
  FILE_DELETE_MUTATION,
  JOB_QUERY,
  REORDER_MEDIA_MUTATION,
  VARIANT_MEDIA_MUTATION,
  VARIANT_DETACH_MUTATION,
  BULK_PRODUCTS_QUERY: bulkProductsQuery(null),
  BULK_PRODUCTS_QUERY_SINCE: bulkProductsQuery("updated_at:>'2026-01-01T00:00:00Z'"),
};
