// Shopify's calculated query cost and its leaky bucket, as documented for the Admin GraphQL API:
// scalars and enums 0, objects 1, connections 2 + (first|last) × the cost of one node, mutations 10.
// The requested cost is reserved before a query runs; the difference to the actual cost is refunded.
import {
  Kind,
  getNamedType,
  isLeafType,
  isObjectType,
  isInterfaceType,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export const MUTATION_COST = 10;

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

type Data = Record<string, unknown>;

const isConnection = (type: GraphQLNamedType) => type.name.endsWith('Connection');

function fieldsOf(type: GraphQLNamedType | undefined | null): Record<string, GraphQLField<unknown, unknown>> {
  return type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields() : {};
}

function pageSize(field: FieldNode, walk: Walk): number {
  for (const name of ['first', 'last']) {
    const arg = field.arguments?.find((a) => a.name.value === name);
    if (!arg) continue;
    if (arg.value.kind === Kind.INT) return Number(arg.value.value);
    if (arg.value.kind === Kind.VARIABLE) return Number(walk.variables[arg.value.name.value] ?? 0);
  }
  return 0;
}

/** Visits every field of a selection set, following fragments; `fragmentType` is the type condition. */
function eachField(
  set: SelectionSetNode | undefined,
  parent: GraphQLNamedType,
  walk: Walk,
  visit: (field: FieldNode, parent: GraphQLNamedType) => void,
) {
  for (const selection of set?.selections ?? []) {
    if (selection.kind === Kind.FIELD) visit(selection, parent);
    else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : parent;
      eachField(selection.selectionSet, type ?? parent, walk, visit);
    } else {
      const fragment = walk.fragments.get(selection.name.value);
      const type = fragment && walk.schema.getType(fragment.typeCondition.name.value);
      if (fragment) eachField(fragment.selectionSet, type ?? parent, walk, visit);
    }
  }
}

function nodeSelections(connectionField: FieldNode): SelectionSetNode[] {
  const sets: SelectionSetNode[] = [];
  for (const selection of connectionField.selectionSet?.selections ?? []) {
    if (selection.kind !== Kind.FIELD) continue;
    if (selection.name.value === 'nodes' && selection.selectionSet) sets.push(selection.selectionSet);
    if (selection.name.value === 'edges') {
      for (const edgeField of selection.selectionSet?.selections ?? []) {
        if (edgeField.kind === Kind.FIELD && edgeField.name.value === 'node' && edgeField.selectionSet) sets.push(edgeField.selectionSet);
      }
    }
  }
  return sets;
}

function nodeType(connection: GraphQLNamedType): GraphQLNamedType {
  return getNamedType(fieldsOf(connection)['nodes']!.type);
}

function requestedSetCost(set: SelectionSetNode | undefined, parent: GraphQLNamedType, walk: Walk): number {
  let cost = 0;
  eachField(set, parent, walk, (field, owner) => {
    const definition = fieldsOf(owner)[field.name.value];
    if (!definition) return;
    const type = getNamedType(definition.type);
    if (isLeafType(type)) return;
    if (isConnection(type)) {
      const perNode = nodeSelections(field).reduce((sum, s) => sum + 1 + requestedSetCost(s, nodeType(type), walk), 0);
      cost += 2 + pageSize(field, walk) * perNode;
    } else cost += 1 + requestedSetCost(field.selectionSet, type, walk);
  });
  return cost;
}

function actualSetCost(set: SelectionSetNode | undefined, parent: GraphQLNamedType, data: Data | null, walk: Walk): number {
  if (!data) return 0;
  let cost = 0;
  eachField(set, parent, walk, (field, owner) => {
    const definition = fieldsOf(owner)[field.name.value];
    const value = data[field.alias?.value ?? field.name.value];
    if (!definition || value === undefined || value === null) return;
    const type = getNamedType(definition.type);
    if (isLeafType(type)) return;
    if (isConnection(type)) {
      const connection = value as { nodes?: Data[]; edges?: { node: Data }[] };
      const items = connection.nodes ?? connection.edges?.map((edge) => edge.node) ?? [];
      const selections = nodeSelections(field);
      cost += 2 + items.reduce((sum, item) => sum + selections.reduce((s, sel) => s + 1 + actualSetCost(sel, nodeType(type), item, walk), 0), 0);
    } else {
      const list = Array.isArray(value) ? (value as Data[]) : [value as Data];
      cost += list.reduce((sum, item) => sum + 1 + actualSetCost(field.selectionSet, type, item, walk), 0);
    }
  });
  return cost;
}

export interface QueryCost {
  requested(): number;
  actual(data: Data | null | undefined): number;
}

export function queryCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>): QueryCost {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operations.find((o) => !operationName || o.name?.value === operationName) ?? operations[0]!;
  const walk: Walk = {
    schema,
    variables,
    fragments: new Map(
      document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
    ),
  };
  if (operation.operation === 'mutation') {
    const mutations = operation.selectionSet.selections.length * MUTATION_COST;
    return { requested: () => mutations, actual: () => mutations };
  }
  const root = schema.getQueryType()!;
  return {
    requested: () => requestedSetCost(operation.selectionSet, root, walk),
    actual: (data) => actualSetCost(operation.selectionSet, root, data ?? null, walk),
  };
}

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

/** Leaky bucket of query-cost points, restored continuously. */
export class CostBucket {
  private level: number;
  private at: number;

  constructor(
    readonly maximum: number,
    readonly restoreRate: number,
    private readonly now: () => number = Date.now,
  ) {
    this.level = maximum;
    this.at = now();
  }

  available(): number {
    const current = this.now();
    this.level = Math.min(this.maximum, this.level + ((current - this.at) / 1000) * this.restoreRate);
    this.at = current;
    return this.level;
  }

  tryTake(points: number): boolean {
    if (this.available() < points) return false;
    this.level -= points;
    return true;
  }

  refund(points: number) {
    this.available();
    this.level = Math.min(this.maximum, this.level + points);
  }

  drain() {
    this.available();
    this.level = 0;
  }

  status(): ThrottleStatus {
    return { maximumAvailable: this.maximum, currentlyAvailable: Math.floor(this.available()), restoreRate: this.restoreRate };
  }
}
