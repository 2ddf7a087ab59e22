// `npm run release:publish -- --channel stable --dir release/` on the server machine: adds the
// release electron-builder wrote to DIR to the server's update feed for the channel
// (BATON_UPDATES_DIR, else <BATON_DATA_DIR>/updates). Exit 0: published; 1: refused.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { publishRelease, updatesDirFor } from './releases';

async function main(): Promise<number> {
  try {
    const { values } = parseArgs({ options: { channel: { type: 'string' }, dir: { type: 'string' } }, strict: true });
    if (!values.channel || !values.dir) throw new Error('give --channel and --dir');
    const root = updatesDirFor(path.resolve(process.env.BATON_DATA_DIR ?? '.baton-data'));
    const { version, files } = await publishRelease(root, values.channel, path.resolve(values.dir));
    console.log(`Published ${version} to ${values.channel} (${files.length} files) in ${root}.`);
    return 0;
  } catch (error) {
    console.error(`release:publish: ${(error as Error).message}\nusage: npm run release:publish -- --channel stable --dir DIR`);
    return 1;
  }
}

process.exitCode = await main();
