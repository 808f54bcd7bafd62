import { TEST_KEYS } from "./test-keys";

// Unit tests never touch a database or the data directory.
Object.assign(process.env, { TWEESTAP_MODE: "demo", DATA_DIR: "/nonexistent-unit-tests", ...TEST_KEYS });
