import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';
import { ERASURE_COVERAGE, INTEGRATION_COLUMN, ORGANIZATION_COLUMN } from './organization-erasure.service.js';

describe('organization erasure coverage', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  it('names every table of the data source, and erases every table with an organization column', () => {
    const tables = t.hub.db.entityMetadatas.map((metadata) => ({
      table: metadata.tableName,
      organizationData: metadata.columns.some((column) => column.databaseName === ORGANIZATION_COLUMN),
      integrationData: metadata.columns.some((column) => column.databaseName === INTEGRATION_COLUMN),
    }));
    const unlisted = tables.filter(({ table }) => !(table in ERASURE_COVERAGE)).map(({ table }) => table);
    expect(unlisted).toEqual([]);
    const notErased = tables.filter(({ table, organizationData }) => organizationData && ERASURE_COVERAGE[table]!.by !== 'organization');
    expect(notErased).toEqual([]);
    // And nothing is marked erased-by-organization that has no such column (a renamed column would slip through).
    const claimed = Object.entries(ERASURE_COVERAGE).filter(([, coverage]) => coverage.by === 'organization').map(([table]) => table).sort();
    expect(claimed).toEqual(t.hub.services.erasure.organizationTables());
    const integrationClaimed = Object.entries(ERASURE_COVERAGE).filter(([, coverage]) => coverage.by === 'integration').map(([table]) => table).sort();
    expect(integrationClaimed).toEqual(t.hub.services.erasure.integrationTables());
    const integrationOnly = tables.filter(({ organizationData, integrationData }) => !organizationData && integrationData).map(({ table }) => table).sort();
    expect(integrationOnly).toEqual(integrationClaimed);
    const stale = Object.keys(ERASURE_COVERAGE).filter((table) => !tables.some((entry) => entry.table === table));
    expect(stale).toEqual([]);
  });
});
