// ESLint (flat config): typescript-eslint's recommended rules, plus the type-aware rules that catch
// a promise nobody awaits. Layering (who may import whom) is dependency-cruiser's job: .dependency-cruiser.cjs.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data*/**', 'bench/results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // An eslint-disable that no longer silences anything is an error: each one must mean something.
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // A leading underscore says "deliberately unused" (a destructured field left out, a parameter kept for the signature).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // Choosing an HTTP status is the edge's job (dependency-cruiser guards the module-level imports).
    files: ['src/**/*.ts', 'projections/**/*.ts'],
    ignores: ['src/http/**', '**/*.controller.ts', '**/*.dto.ts', '**/*.guard.ts', '**/*.filter.ts', 'src/main.ts', 'src/bootstrap.ts', 'src/app.module.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@nestjs/common',
              importNames: ['HttpException', 'HttpStatus', 'BadRequestException', 'NotFoundException', 'ConflictException', 'ForbiddenException', 'UnauthorizedException', 'Req', 'Res'],
              message: 'Only the HTTP edge (src/http, controllers) knows HTTP: throw a coded DomainError instead.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', module: 'writable', require: 'readonly', __dirname: 'readonly' } },
  },
);
