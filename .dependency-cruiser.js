/** The boundaries of ARCHITECTURE.md section 2, enforced on every CI run. */
module.exports = {
  forbidden: [
    {
      name: 'module-imports-only-contracts',
      comment: 'A module may import from another module only its *.events.ts contract.',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/([^/]+)/', pathNot: ['^src/modules/$1/', '\\.events\\.ts$'] },
    },
    {
      name: 'common-imports-no-module',
      comment: 'The platform (src/common) knows no business module.',
      severity: 'error',
      from: { path: '^src/common/' },
      to: { path: '^src/modules/' },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { pathNot: ['\\.entity\\.ts$'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.spec\\.ts$' },
  },
};
