// The subset of the Shopify Admin GraphQL schema (2026-10) the sandbox serves, with Shopify's names and
// types: official-schema.test.ts checks every type, field, argument and enum value here against the
// official introspection dump, so a field Shopify does not have fails in the sandbox too.
import { buildSchema } from 'graphql';

export const SHOPIFY_SANDBOX_SDL = /* GraphQL */ `
schema { query: QueryRoot mutation: Mutation }

scalar DateTime
scalar URL
scalar UnsignedInt64

interface Node { id: ID! }

enum MediaContentType { IMAGE VIDEO MODEL_3D EXTERNAL_VIDEO }
enum MediaStatus { UPLOADED PROCESSING READY FAILED }
enum FileStatus { UPLOADED PROCESSING READY FAILED }
enum FileContentType { IMAGE FILE VIDEO EXTERNAL_VIDEO MODEL_3D }
enum MediaErrorCode { IMAGE_DOWNLOAD_FAILURE IMAGE_PROCESSING_FAILURE UNSUPPORTED_IMAGE_FILE_TYPE UNKNOWN }
enum FileErrorCode { IMAGE_DOWNLOAD_FAILURE IMAGE_PROCESSING_FAILURE UNSUPPORTED_IMAGE_FILE_TYPE UNKNOWN }
enum BulkOperationStatus { CANCELED CANCELING COMPLETED CREATED EXPIRED FAILED RUNNING }
enum BulkOperationType { QUERY MUTATION }
enum BulkOperationErrorCode { ACCESS_DENIED INTERNAL_SERVER_ERROR TIMEOUT }
enum BulkOperationUserErrorCode { INVALID LIMIT_REACHED OPERATION_IN_PROGRESS }
enum StagedUploadTargetGenerateUploadResource { IMAGE FILE VIDEO MODEL_3D }
enum StagedUploadHttpMethodType { POST PUT }
enum ProductSortKeys { ID UPDATED_AT TITLE }
enum ProductStatus { ACTIVE ARCHIVED DRAFT UNLISTED }
enum CountPrecision { AT_LEAST EXACT }
enum MediaUserErrorCode {
  INVALID MEDIA_DOES_NOT_EXIST MEDIA_DOES_NOT_EXIST_ON_PRODUCT MEDIA_IS_NOT_ATTACHED_TO_VARIANT NON_READY_MEDIA
  PRODUCT_DOES_NOT_EXIST PRODUCT_VARIANT_ALREADY_HAS_MEDIA PRODUCT_VARIANT_DOES_NOT_EXIST_ON_PRODUCT
  PRODUCT_VARIANT_SPECIFIED_MULTIPLE_TIMES TOO_MANY_MEDIA_PER_INPUT_PAIR
}
enum FilesErrorCode {
  FILE_DOES_NOT_EXIST INVALID INVALID_FAILED_MEDIA_STATE INVALID_IMAGE_SOURCE_URL NON_READY_STATE REFERENCE_TARGET_DOES_NOT_EXIST
}

type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }
type Count { count: Int! precision: CountPrecision! }

type ShopPlan { displayName: String! @deprecated(reason: "Use \`publicDisplayName\` instead.") publicDisplayName: String! partnerDevelopment: Boolean! shopifyPlus: Boolean! }
type Shop implements Node { id: ID! name: String! myshopifyDomain: String! plan: ShopPlan! }

type Image { id: ID url: URL! altText: String width: Int height: Int }

type MediaError { code: MediaErrorCode! details: String message: String! }
type FileError { code: FileErrorCode! details: String message: String! }
interface Media { id: ID! alt: String mediaContentType: MediaContentType! status: MediaStatus! mediaErrors: [MediaError!]! }
interface File { id: ID! alt: String fileStatus: FileStatus! createdAt: DateTime! fileErrors: [FileError!]! }
type MediaImage implements Node & Media & File {
  id: ID! alt: String mediaContentType: MediaContentType! status: MediaStatus! fileStatus: FileStatus!
  mediaErrors: [MediaError!]! fileErrors: [FileError!]! createdAt: DateTime! image: Image mimeType: String
}
type MediaEdge { cursor: String! node: Media! }
type MediaConnection { edges: [MediaEdge!]! nodes: [Media!]! pageInfo: PageInfo! }

type ProductVariant implements Node {
  id: ID! title: String! sku: String displayName: String!
  media(first: Int, after: String, last: Int, before: String): MediaConnection!
}
type ProductVariantEdge { cursor: String! node: ProductVariant! }
type ProductVariantConnection { edges: [ProductVariantEdge!]! nodes: [ProductVariant!]! pageInfo: PageInfo! }

type Collection implements Node { id: ID! title: String! handle: String! }
type CollectionEdge { cursor: String! node: Collection! }
type CollectionConnection { edges: [CollectionEdge!]! nodes: [Collection!]! pageInfo: PageInfo! }

type Product implements Node {
  id: ID! title: String! handle: String! updatedAt: DateTime! createdAt: DateTime!
  vendor: String! productType: String! status: ProductStatus!
  collections(first: Int, after: String, last: Int, before: String): CollectionConnection!
  variants(first: Int, after: String, last: Int, before: String): ProductVariantConnection!
  media(first: Int, after: String, last: Int, before: String): MediaConnection!
}
type ProductEdge { cursor: String! node: Product! }
type ProductConnection { edges: [ProductEdge!]! nodes: [Product!]! pageInfo: PageInfo! }

type BulkOperation implements Node {
  id: ID! status: BulkOperationStatus! type: BulkOperationType! errorCode: BulkOperationErrorCode
  createdAt: DateTime! completedAt: DateTime objectCount: UnsignedInt64! rootObjectCount: UnsignedInt64!
  fileSize: UnsignedInt64 url: URL partialDataUrl: URL query: String!
}

type Job { id: ID! done: Boolean! query: QueryRoot }

type QueryRoot {
  shop: Shop!
  node(id: ID!): Node
  product(id: ID!): Product
  products(first: Int, after: String, last: Int, before: String, query: String, sortKey: ProductSortKeys = ID, reverse: Boolean = false): ProductConnection!
  productsCount(query: String, limit: Int = 10000): Count
  currentBulkOperation(type: BulkOperationType = QUERY): BulkOperation @deprecated(reason: "Use \`bulkOperations\` with status filter instead.")
  bulkOperation(id: ID!): BulkOperation
  job(id: ID!): Job
}

type UserError { field: [String!] message: String! }
type MediaUserError { field: [String!] message: String! code: MediaUserErrorCode }
type FilesUserError { field: [String!] message: String! code: FilesErrorCode }
type BulkOperationUserError { field: [String!] message: String! code: BulkOperationUserErrorCode }

input StagedUploadInput {
  resource: StagedUploadTargetGenerateUploadResource! filename: String! mimeType: String!
  httpMethod: StagedUploadHttpMethodType = PUT fileSize: UnsignedInt64
}
type StagedUploadParameter { name: String! value: String! }
type StagedMediaUploadTarget { url: URL resourceUrl: URL parameters: [StagedUploadParameter!]! }
type StagedUploadsCreatePayload { stagedTargets: [StagedMediaUploadTarget!] userErrors: [UserError!]! }

input CreateMediaInput { originalSource: String! alt: String mediaContentType: MediaContentType! }
input ProductUpdateInput { id: ID title: String }
type ProductUpdatePayload { product: Product userErrors: [UserError!]! }

input FileCreateInput { originalSource: String! alt: String contentType: FileContentType filename: String }
type FileCreatePayload { files: [File!] userErrors: [FilesUserError!]! }
input FileUpdateInput { id: ID! alt: String referencesToAdd: [ID!] referencesToRemove: [ID!] }
type FileUpdatePayload { files: [File!] userErrors: [FilesUserError!]! }
type FileDeletePayload { deletedFileIds: [ID!] userErrors: [FilesUserError!]! }

input MoveInput { id: ID! newPosition: UnsignedInt64! }
type ProductReorderMediaPayload { job: Job mediaUserErrors: [MediaUserError!]! }

input ProductVariantAppendMediaInput { variantId: ID! mediaIds: [ID!]! }
type ProductVariantAppendMediaPayload { product: Product productVariants: [ProductVariant!] userErrors: [MediaUserError!]! }
input ProductVariantDetachMediaInput { variantId: ID! mediaIds: [ID!]! }
type ProductVariantDetachMediaPayload { product: Product productVariants: [ProductVariant!] userErrors: [MediaUserError!]! }

type BulkOperationRunQueryPayload { bulkOperation: BulkOperation userErrors: [BulkOperationUserError!]! }

type Mutation {
  stagedUploadsCreate(input: [StagedUploadInput!]!): StagedUploadsCreatePayload
  productUpdate(product: ProductUpdateInput, media: [CreateMediaInput!]): ProductUpdatePayload
  fileCreate(files: [FileCreateInput!]!): FileCreatePayload
  fileUpdate(files: [FileUpdateInput!]!): FileUpdatePayload
  fileDelete(fileIds: [ID!]!): FileDeletePayload
  productReorderMedia(id: ID!, moves: [MoveInput!]!): ProductReorderMediaPayload
  productVariantAppendMedia(productId: ID!, variantMedia: [ProductVariantAppendMediaInput!]!): ProductVariantAppendMediaPayload
  productVariantDetachMedia(productId: ID!, variantMedia: [ProductVariantDetachMediaInput!]!): ProductVariantDetachMediaPayload
  bulkOperationRunQuery(query: String!, groupObjects: Boolean! = false): BulkOperationRunQueryPayload
}
`;

export const shopifySandboxSchema = buildSchema(SHOPIFY_SANDBOX_SDL);
