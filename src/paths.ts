import { fileURLToPath } from "node:url";

/** The installed app's own folders (not the data directory). */
export const APP_ROOT = fileURLToPath(new URL("..", import.meta.url));
/** transformers.js `localModelPath`: holds `bundled/`, the offline embedding model. */
export const LOCAL_MODELS_DIR = fileURLToPath(new URL("../models/", import.meta.url));
/** The sample stories every new library starts with. */
export const SAMPLES_DIR = fileURLToPath(new URL("../samples/", import.meta.url));
