#!/usr/bin/env node
// `npm run migration:generate -- <Name>`: diffs the entities against DATABASE_URL into migrations/.
const { execFileSync } = require('node:child_process');
const name = process.argv[2];
if (!name || !/^[A-Za-z][A-Za-z0-9]*$/.test(name)) {
  console.error('Usage: npm run migration:generate -- <PascalCaseName>');
  process.exit(2);
}
execFileSync('npm', ['run', '--silent', 'typeorm', '--', 'migration:generate', '--pretty', `migrations/${name}`], {
  stdio: 'inherit',
});
