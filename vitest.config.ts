import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["core/**/*.test.ts", "server/**/*.test.ts", "web/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 20_000,
  },
});
