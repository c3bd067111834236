export enum Role {
  Admin = 'admin',
  Supervisor = 'supervisor',
  Agent = 'agent',
}

export const ROLES: readonly Role[] = [Role.Admin, Role.Supervisor, Role.Agent];
