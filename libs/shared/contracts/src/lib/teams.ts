export interface TeamView {
  id: string;
  name: string;
  description: string;
  memberIds: string[];
  createdAt: string;
}

export interface CreateTeamRequest {
  name: string;
  description?: string;
  memberIds?: string[];
}

export interface UpdateTeamRequest {
  name?: string;
  description?: string;
  memberIds?: string[];
}
