import { AccountsAndAccess1764040000000 } from './1764040000000-accounts-and-access';

/** In order. Listed explicitly rather than globbed, so that compiled and source runs see the same set. */
export const MIGRATIONS = [AccountsAndAccess1764040000000];
