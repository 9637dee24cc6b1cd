import { useState } from 'react';
import { BlockStack, Card, Layout, List, Page, Text } from '@shopify/polaris';
import { useLoad } from '../../api/use-load.js';
import { useSession } from '../../session/session.js';
import { AuditCard } from './audit-card.js';
import { MembersCard } from './members-card.js';
import { ROLE_TEXT, ROLES_DESCENDING } from './roles.js';

/** Members and roles of the active organization, and its audit log. */
export default function TeamPanel() {
  const { client, me } = useSession();
  const members = useLoad(() => client.listMembers(me.organization.id), [client, me.organization.id]);
  const keys = useLoad(() => client.listKeys(), [client]);
  const [auditVersion, setAuditVersion] = useState(0);
  // Audit entries name people and keys by id: show names where this page knows them.
  const names = new Map<string, string>([
    ...(members.data?.data ?? []).map((member): [string, string] => [member.user_id, member.name]),
    ...(keys.data?.data ?? []).map((key): [string, string] => [key.id, `${key.name} (${key.masked})`]),
  ]);
  return (
    <Page title="Team & audit" subtitle={`${me.organization.name} · your role: ${me.organization.role}`}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <MembersCard members={members} onChanged={() => setAuditVersion((version) => version + 1)} />
            <AuditCard names={names} version={auditVersion} />
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                Roles
              </Text>
              <List>
                {ROLES_DESCENDING.map((role) => (
                  <List.Item key={role}>
                    <b>{role}</b>: {ROLE_TEXT[role]}
                  </List.Item>
                ))}
              </List>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
