import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".data/**",
      "generated/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Async socket handlers passed where a void callback is expected swallow rejections.
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  {
    files: ["**/*.mjs", "**/*.js"],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // lib/ is pure and isomorphic: no I/O, no outer layers.
    files: ["lib/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["node:*", "fs", "path", "crypto"],
              message: "lib/ is isomorphic: no Node built-ins.",
            },
            {
              group: [
                "socket.io",
                "socket.io-client",
                "@prisma/*",
                "next",
                "next/*",
                "next-auth",
                "next-auth/*",
                "pg",
              ],
              message: "lib/ must not import I/O libraries.",
            },
            {
              group: [
                "@/server/*",
                "@/app/*",
                "../server/*",
                "../app/*",
                "../../server/*",
                "../../app/*",
              ],
              message: "lib/ must not import outer layers.",
            },
          ],
        },
      ],
    },
  },
);
