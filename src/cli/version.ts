// The plugin's version, from package.json at build time (esbuild inlines the JSON import).
import packageJson from '../../package.json' with { type: 'json' };

export const pluginVersion: string = packageJson.version;

export const clientVersion = () => ({ pluginVersion, node: process.version });

export const clientVersionLine = () => `kubectl-scale_ha ${pluginVersion} (node ${process.version})`;
