// Reads every resource of a data package with the JavaScript `datapackage` library
// (frictionlessdata/datapackage-js), casting each value by the table schema, and prints
// one JSON object: the descriptor's validity and, per resource, its rows or its error.
// Used by tests/readers/test_second_reader.py to compare with the Python reader.
const {Package} = require('datapackage');

(async () => {
  const pkg = await Package.load(process.argv[2]);
  const out = {valid: pkg.valid, errors: pkg.errors.map(String), resources: {}};
  for (const resource of pkg.resources) {
    try {
      const rows = await resource.read({keyed: true, cast: true});
      out.resources[resource.name] = {rows};
    } catch (error) {
      const details = (error.errors || []).slice(0, 3).map(String);
      out.resources[resource.name] = {error: [String(error), ...details].join('; ')};
    }
  }
  process.stdout.write(JSON.stringify(out));
})().catch((error) => {
  process.stderr.write(`${error}\n`);
  process.exit(1);
});
