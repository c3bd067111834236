// Shared by the unit and integration configs: swc keeps decorator metadata (Nest needs it) and is ~10x faster than ts-jest.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const swcrc = JSON.parse(readFileSync(join(__dirname, '.swcrc'), 'utf8'));
const { compilerOptions } = JSON.parse(readFileSync(join(__dirname, 'tsconfig.base.json'), 'utf8'));

const moduleNameMapper = {
  ...Object.fromEntries(Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias.replace('/', '\\/')}$`, `<rootDir>/${target}`])),
  // The console's libraries import their styles for Vite; a spec of their plain functions has no use for them.
  '\\.css$': '<rootDir>/tools/jest/empty-module.js',
};

const ESM_ONLY_PACKAGES = ['intl-messageformat', '@formatjs', 'content-disposition', 'cookie', '@fastify/cookie', 'file-type', 'strtok3', 'token-types', '@tokenizer', 'uint8array-extras', '@borewit'];

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { ...swcrc, swcrc: false }] },
  moduleNameMapper,
  // A few dependencies ship only ES modules (or load one with import()); Node runs them natively, but Jest's
  // CommonJS runtime needs them compiled like our own code.
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY_PACKAGES.join('|')})/)`],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/apps/console-e2e/'],
};
