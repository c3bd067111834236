import type { Role } from './roles';

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  teamIds: string[];
  createdAt: string;
}

export interface CreateUserRequest {
  email: string;
  name: string;
  password: string;
  role: Role;
  teamIds?: string[];
}

export interface UpdateUserRequest {
  name?: string;
  role?: Role;
  active?: boolean;
  teamIds?: string[];
}
