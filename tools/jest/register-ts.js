// Jest loads global setup/teardown outside its module mapper: compile them with swc and resolve the tsconfig path aliases here.
const { join } = require('node:path');
const { compilerOptions } = require('../../tsconfig.base.json');
require('tsconfig-paths').register({ baseUrl: join(__dirname, '../..'), paths: compilerOptions.paths });
require('@swc-node/register');
