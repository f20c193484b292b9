// neurarchy is an ES module (it awaits at the top level and loads its backends on demand), so
// `require('neurarchy')` cannot return it. This file turns Node's generic ERR_REQUIRE_ESM into
// an error that says what to write instead.
throw new Error(
  "neurarchy is an ES module and cannot be loaded with require(). Use `import { Network } from 'neurarchy'` " +
  "in an ES module (a .mjs file, or \"type\": \"module\" in package.json), or `const neurarchy = await import('neurarchy')` " +
  'from CommonJS.',
);
