import { ApiKeyEntity } from './api-key.entity';
import { RefreshTokenEntity } from './refresh-token.entity';
import { TeamMemberEntity } from './team-member.entity';
import { TeamEntity } from './team.entity';
import { UserEntity } from './user.entity';

export { ApiKeyEntity, RefreshTokenEntity, TeamEntity, TeamMemberEntity, UserEntity };
export { RefreshRevocationReason } from './refresh-token.entity';
export const AUTH_ENTITIES = [UserEntity, TeamEntity, TeamMemberEntity, RefreshTokenEntity, ApiKeyEntity];
