import { useState } from 'react';
import {
  Badge,
  BlockStack,
  Box,
  Button,
  Card,
  Form,
  InlineGrid,
  InlineStack,
  Modal,
  Select,
  Text,
  TextField,
} from '@shopify/polaris';
import type { Member, Role } from '@pixport/shared';
import { fieldError } from '../../api/errors.js';
import { useAction } from '../../api/use-action.js';
import type { Loaded } from '../../api/use-load.js';
import { EmptyNote } from '../../components/empty-note.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { TimeText } from '../../components/time-text.js';
import { useSession } from '../../session/session.js';
import { canManageMember, grantableRoles, ROLE_TEXT } from './roles.js';
import { ListRow, RowList } from '../../components/row-list.js';

/** Members with their roles; owners and admins add, re-role and remove (viewers and developers read). */
export function MembersCard({
  members,
  onChanged,
}: {
  members: Loaded<{ data: Member[] }>;
  onChanged: () => void;
}) {
  const { client, me, refreshMe } = useSession();
  const myRole = me.organization.role;
  const grantable = grantableRoles(myRole);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('developer');
  const [removing, setRemoving] = useState<Member>();
  const add = useAction();
  const change = useAction();
  const remove = useAction();
  const orgId = me.organization.id;

  const submit = async () => {
    if (await add.run(() => client.addMember(orgId, { email: email.trim(), role }))) {
      setEmail('');
      onChanged();
      await members.reload();
    }
  };
  const changeRole = async (member: Member, next: Role) => {
    if (await change.run(() => client.updateMember(orgId, member.user_id, next))) {
      onChanged();
      await members.reload();
      if (member.user_id === me.user.id) await refreshMe();
    }
  };
  const confirmRemove = async () => {
    if (!removing) return;
    const done = await remove.run(async () => {
      await client.removeMember(orgId, removing.user_id);
      return true;
    });
    if (!done) return;
    const self = removing.user_id === me.user.id;
    setRemoving(undefined);
    onChanged();
    if (self) await refreshMe();
    else await members.reload();
  };

  const list = members.data?.data ?? [];
  return (
    <Card padding="0">
      <Box padding="400">
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Members
          </Text>
          <ErrorBanner error={members.error} title="The members could not load" />
          <ErrorBanner error={change.error} title="The role was not changed" onDismiss={change.clearError} />
          {grantable.length ? (
            <Form onSubmit={() => void submit()}>
              <BlockStack gap="200">
                <ErrorBanner error={add.error} title="The member was not added" />
                <InlineGrid columns={{ xs: 1, md: ['twoThirds', 'oneThird'] }} gap="300">
                  <TextField
                    label="Email of a registered user"
                    type="email"
                    value={email}
                    onChange={setEmail}
                    autoComplete="off"
                    helpText="They must have signed up on this hub; they then switch to this organization from their account menu."
                    error={fieldError(add.error, 'email')}
                  />
                  <Select
                    label="Role"
                    options={grantable.map((value) => ({ label: value, value }))}
                    value={role}
                    onChange={(value) => setRole(value as Role)}
                    helpText={ROLE_TEXT[role]}
                  />
                </InlineGrid>
                <InlineStack>
                  <Button submit variant="primary" loading={add.pending} disabled={!email.trim()}>
                    Add member
                  </Button>
                </InlineStack>
              </BlockStack>
            </Form>
          ) : (
            <Text as="p" tone="subdued">
              Your role ({myRole}) can see the team; owners and admins change it.
            </Text>
          )}
        </BlockStack>
      </Box>
      {list.length === 0 && !members.loading ? (
        <EmptyNote heading="No members listed">
          Reload the page; an organization always has its owner.
        </EmptyNote>
      ) : (
        <RowList label="Members">
          {list.map((member) => {
            const manageable = canManageMember(myRole, member.role);
            const self = member.user_id === me.user.id;
            return (
              <ListRow key={member.user_id}>
                <InlineGrid columns={{ xs: 1, md: ['twoThirds', 'oneThird'] }} gap="300" alignItems="center">
                  <BlockStack gap="050">
                    <InlineStack gap="200" blockAlign="center">
                      <Text as="h3" variant="headingSm">
                        {member.name}
                      </Text>
                      {self ? <Badge>you</Badge> : null}
                    </InlineStack>
                    <Text as="p" tone="subdued" breakWord>
                      {member.email} · added <TimeText value={member.added_at} />
                    </Text>
                  </BlockStack>
                  {manageable ? (
                    <InlineStack gap="200" blockAlign="end" wrap={false}>
                      <div style={{ flex: 1 }}>
                        <Select
                          label={`Role of ${member.name}`}
                          labelHidden
                          options={grantable.map((value) => ({ label: value, value }))}
                          value={member.role}
                          onChange={(next) => void changeRole(member, next as Role)}
                          disabled={change.pending}
                        />
                      </div>
                      <Button
                        tone="critical"
                        variant="plain"
                        onClick={() => setRemoving(member)}
                        accessibilityLabel={self ? 'Leave this organization' : `Remove ${member.name}`}
                      >
                        {self ? 'Leave' : 'Remove'}
                      </Button>
                    </InlineStack>
                  ) : (
                    <InlineStack gap="200" blockAlign="center">
                      <Badge toneAndProgressLabelOverride="Role">{member.role}</Badge>
                      {self ? (
                        <Button
                          tone="critical"
                          variant="plain"
                          onClick={() => setRemoving(member)}
                          accessibilityLabel="Leave this organization"
                        >
                          Leave
                        </Button>
                      ) : null}
                    </InlineStack>
                  )}
                </InlineGrid>
              </ListRow>
            );
          })}
        </RowList>
      )}
      <Modal
        open={Boolean(removing)}
        onClose={() => (remove.clearError(), setRemoving(undefined))}
        title={removing ? `Remove ${removing.name}?` : ''}
        primaryAction={{
          content: 'Remove member',
          destructive: true,
          loading: remove.pending,
          onAction: () => void confirmRemove(),
        }}
        secondaryActions={[{ content: 'Cancel', onAction: () => setRemoving(undefined) }]}
      >
        <Modal.Section>
          <BlockStack gap="300">
            <ErrorBanner error={remove.error} />
            <Text as="p">
              {removing?.email} loses access to this organization at once: their sessions in it end. Their
              account and their own organization stay. An owner or admin can add them again.
            </Text>
          </BlockStack>
        </Modal.Section>
      </Modal>
    </Card>
  );
}
