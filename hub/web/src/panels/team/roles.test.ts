import { describe, expect, it } from '@jest/globals';
import { ROLES } from '@pixport/shared';
import { canManageMember, grantableRoles, ROLE_TEXT, ROLES_DESCENDING } from './roles.js';

describe('what a role may do to the team', () => {
  it('explains every role, most powerful first', () => {
    expect(ROLES_DESCENDING).toEqual(['owner', 'admin', 'developer', 'viewer']);
    expect([...ROLES].sort()).toEqual(Object.keys(ROLE_TEXT).sort());
  });

  it('lets owners grant every role, admins every role but owner, the others none', () => {
    expect(grantableRoles('owner')).toEqual(['owner', 'admin', 'developer', 'viewer']);
    expect(grantableRoles('admin')).toEqual(['admin', 'developer', 'viewer']);
    expect(grantableRoles('developer')).toEqual([]);
    expect(grantableRoles('viewer')).toEqual([]);
  });

  it('keeps owners out of admins’ reach', () => {
    expect(canManageMember('owner', 'owner')).toBe(true);
    expect(canManageMember('admin', 'owner')).toBe(false);
    expect(canManageMember('admin', 'viewer')).toBe(true);
    expect(canManageMember('developer', 'viewer')).toBe(false);
  });
});
