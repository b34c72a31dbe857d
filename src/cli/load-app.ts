/** The Nest application, loaded only by the commands that need it: `verify` and `digest` start fast. */
export async function loadApp() {
  const [{ NestFactory }, { AppModule }] = await Promise.all([import('@nestjs/core'), import('../app.module.js')]);
  return { NestFactory, AppModule };
}
