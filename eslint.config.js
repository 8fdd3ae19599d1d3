// Lint (npm run lint, in CI with zero warnings): typescript-eslint's type-checked rules for the
// TypeScript (worker, widget, tests), eslint-plugin-lit for the widget's templates, the plain
// recommended rules for the emulator and scripts; formatting is Prettier's (eslint-config-prettier
// turns off the rules it owns). Why ESLint and not Biome: CONTRIBUTING.md, "Lint and format".
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import lit from "eslint-plugin-lit";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", ".state/**", ".wrangler/**", "coverage/**"] },
  {
    files: ["**/*.{js,mjs}"],
    extends: [js.configs.recommended],
    languageOptions: {
      globals: {
        console: "readonly",
        process: "readonly",
        URL: "readonly",
        URLSearchParams: "readonly",
        fetch: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        Buffer: "readonly",
        TextEncoder: "readonly",
        TextDecoder: "readonly",
        crypto: "readonly",
        structuredClone: "readonly",
        AbortSignal: "readonly",
        Response: "readonly",
        Request: "readonly",
        Headers: "readonly",
        document: "readonly",
        location: "readonly",
        window: "readonly",
        localStorage: "readonly",
        performance: "readonly",
        setInterval: "readonly",
        clearInterval: "readonly",
        atob: "readonly",
        btoa: "readonly",
      },
    },
  },
  {
    files: ["**/*.ts"],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { project: ["./tsconfig.json", "./test/tsconfig.node.json"], tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Unused names are mistakes, except a deliberately ignored leading argument.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      // No code golf: say what is meant, even where it costs bytes.
      eqeqeq: ["error", "always"],
      "no-cond-assign": ["error", "always"],
      "no-return-assign": ["error", "except-parens"],
      "no-sequences": "error",
      "no-nested-ternary": "off",
      "@typescript-eslint/no-unused-expressions": ["error", { allowShortCircuit: false, allowTernary: false }],
    },
  },
  {
    files: ["widget/**/*.ts"],
    extends: [lit.configs["flat/recommended"]],
    rules: {
      // Lit ignores what an event listener returns, and every async handler of the widget catches
      // its own errors (it shows them): async functions in templates and listeners are fine.
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { arguments: false, attributes: false, properties: false } }],
    },
  },
  {
    // Tests read JSON answers loosely (`as any`) and assert their shape with expect(): the
    // assertion is the check, so the unsafe-any family would only add casts.
    files: ["test/**/*.ts", "vitest.config.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      // Fakes implement async interfaces without awaiting anything.
      "@typescript-eslint/require-await": "off",
    },
  },
  prettier,
);
