// The subset of the Shopify Admin GraphQL schema (2025-01) that the connector uses, with Shopify's names and types.
import { buildSchema } from 'graphql';

export const SHOPIFY_SANDBOX_SDL = /* GraphQL */ `
scalar DateTime
scalar URL
scalar UnsignedInt64

interface Node { id: ID! }

enum MediaContentType { IMAGE VIDEO MODEL_3D EXTERNAL_VIDEO }
enum MediaStatus { UPLOADED PROCESSING READY FAILED }
enum FileStatus { UPLOADED PROCESSING READY FAILED }
enum BulkOperationStatus { CANCELED CANCELING COMPLETED CREATED EXPIRED FAILED RUNNING }
enum BulkOperationType { QUERY MUTATION }
enum BulkOperationErrorCode { ACCESS_DENIED INTERNAL_SERVER_ERROR TIMEOUT }
enum StagedUploadTargetGenerateUploadResource { IMAGE FILE VIDEO MODEL_3D }
enum StagedUploadHttpMethodType { POST PUT }
enum ProductSortKeys { ID UPDATED_AT TITLE }
enum ProductStatus { ACTIVE ARCHIVED DRAFT }

type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }
type Count { count: Int! precision: String! }

type ShopPlan { displayName: String! partnerDevelopment: Boolean! shopifyPlus: Boolean! }
type Shop implements Node { id: ID! name: String! myshopifyDomain: String! plan: ShopPlan! }

type Image { id: ID url: URL! altText: String width: Int height: Int }

interface Media { id: ID! alt: String mediaContentType: MediaContentType! status: MediaStatus! }
interface File { id: ID! alt: String fileStatus: FileStatus! createdAt: DateTime! }
type MediaImage implements Node & Media & File {
  id: ID! alt: String mediaContentType: MediaContentType! status: MediaStatus! fileStatus: FileStatus!
  createdAt: DateTime! image: Image mimeType: String
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

type Query {
  shop: Shop!
  node(id: ID!): Node
  product(id: ID!): Product
  products(first: Int, after: String, last: Int, before: String, query: String, sortKey: ProductSortKeys, reverse: Boolean): ProductConnection!
  productsCount(query: String, limit: Int): Count
  currentBulkOperation(type: BulkOperationType = QUERY): BulkOperation
}

type UserError { field: [String!] message: String! }
type MediaUserError { field: [String!] message: String! code: String }
type FilesUserError { field: [String!] message: String! code: String }
type BulkOperationUserError { field: [String!] message: String! code: String }

input StagedUploadInput {
  resource: StagedUploadTargetGenerateUploadResource! filename: String! mimeType: String!
  httpMethod: StagedUploadHttpMethodType fileSize: UnsignedInt64
}
type StagedUploadParameter { name: String! value: String! }
type StagedMediaUploadTarget { url: URL resourceUrl: URL parameters: [StagedUploadParameter!]! }
type StagedUploadsCreatePayload { stagedTargets: [StagedMediaUploadTarget!] userErrors: [UserError!]! }

input CreateMediaInput { originalSource: String! alt: String mediaContentType: MediaContentType! }
input ProductUpdateInput { id: ID title: String }
type ProductUpdatePayload { product: Product userErrors: [UserError!]! }

input FileUpdateInput { id: ID! alt: String referencesToAdd: [ID!] referencesToRemove: [ID!] }
type FileUpdatePayload { files: [File!] userErrors: [FilesUserError!]! }

input MoveInput { id: ID! newPosition: UnsignedInt64! }
type Job { id: ID! done: Boolean! }
type ProductReorderMediaPayload { job: Job mediaUserErrors: [MediaUserError!]! }

input ProductVariantAppendMediaInput { variantId: ID! mediaIds: [ID!]! }
type ProductVariantAppendMediaPayload { product: Product productVariants: [ProductVariant!] userErrors: [MediaUserError!]! }

type BulkOperationRunQueryPayload { bulkOperation: BulkOperation userErrors: [BulkOperationUserError!]! }

type Mutation {
  stagedUploadsCreate(input: [StagedUploadInput!]!): StagedUploadsCreatePayload
  productUpdate(product: ProductUpdateInput, media: [CreateMediaInput!]): ProductUpdatePayload
  fileUpdate(files: [FileUpdateInput!]!): FileUpdatePayload
  productReorderMedia(id: ID!, moves: [MoveInput!]!): ProductReorderMediaPayload
  productVariantAppendMedia(productId: ID!, variantMedia: [ProductVariantAppendMediaInput!]!): ProductVariantAppendMediaPayload
  bulkOperationRunQuery(query: String!): BulkOperationRunQueryPayload
}
`;

export const shopifySandboxSchema = buildSchema(SHOPIFY_SANDBOX_SDL);
