import { ROLE_RANK, roleAtLeast, type Role } from '@pixport/shared';

/** What each role may do, in one line each (the hub enforces the same rules). */
export const ROLE_TEXT: Record<Role, string> = {
  owner: 'Everything, including granting or taking the owner role.',
  admin: 'Adds, removes and changes members (not owners); manages keys and everything a developer can.',
  developer: 'Manages API keys, webhooks and presets; reads everything.',
  viewer: 'Reads every panel; changes nothing.',
};

/** Roles from most to least powerful, for selects. */
export const ROLES_DESCENDING = (Object.keys(ROLE_RANK) as Role[]).sort(
  (a, b) => ROLE_RANK[b] - ROLE_RANK[a],
);

/** The roles `me` may give someone: admins up to admin, owners any. */
export function grantableRoles(me: Role): Role[] {
  if (!roleAtLeast(me, 'admin')) return [];
  return ROLES_DESCENDING.filter((role) => role !== 'owner' || me === 'owner');
}

/** Whether `me` may change or remove a member who has `theirs` (owners only by owners). */
export function canManageMember(me: Role, theirs: Role): boolean {
  return roleAtLeast(me, 'admin') && (theirs !== 'owner' || me === 'owner');
}
