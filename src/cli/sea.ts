// Entry of the single executable (scripts/package): one CommonJS file without top-level await, run by
// the Node binary it is embedded in; V8's code cache is in the executable (sea-config's useCodeCache).
import { main } from './main.ts';

// argv[0] and argv[1] are both the executable in a single executable application.
void main(process.argv.slice(2));
