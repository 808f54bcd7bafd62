import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: { alias: { "@": root } },
  test: {
    projects: [
      {
        resolve: { alias: { "@": root } },
        test: {
          name: "unit",
          include: ["server/**/*.test.ts", "app/**/*.test.ts", "db/**/*.test.ts", "test/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          environment: "node",
          setupFiles: ["test/unit-setup.ts"],
        },
      },
      {
        resolve: { alias: { "@": root } },
        test: {
          name: "integration",
          include: ["**/*.int.test.ts"],
          exclude: ["node_modules/**", "e2e/**", "**/*.serial.int.test.ts"],
          environment: "node",
          // One database per worker, opened and migrated once (isolate: false keeps it).
          pool: "forks",
          maxWorkers: 2,
          isolate: false,
          sequence: { groupOrder: 1 },
          setupFiles: ["test/integration-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias: { "@": root } },
        test: {
          // Measurements that other tests' load would distort: one worker, after everything else.
          name: "integration-serial",
          include: ["**/*.serial.int.test.ts"],
          exclude: ["node_modules/**", "e2e/**"],
          environment: "node",
          pool: "forks",
          maxWorkers: 1,
          isolate: false,
          sequence: { groupOrder: 2 },
          setupFiles: ["test/integration-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
