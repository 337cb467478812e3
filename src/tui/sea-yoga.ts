// yoga-layout for the single executable, whose one CommonJS script cannot hold the package's top-level await
// (`export default wrapAssembly(await loadYoga())`). scripts/build.mjs --sea resolves Ink's `yoga-layout` here;
// the binding is live, so Ink sees the engine once seaYogaReady() has loaded it, before anything is drawn.
import { loadYoga } from 'yoga-layout/load';

type YogaEngine = Awaited<ReturnType<typeof loadYoga>>;

let yoga: YogaEngine | undefined;

export async function seaYogaReady(): Promise<void> {
  yoga ??= await loadYoga();
}

export { yoga as default };
export * from 'yoga-layout/load';
