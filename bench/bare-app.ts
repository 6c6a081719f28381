import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';

@Controller()
class BareController {
  @Get('bare')
  bare(): { ok: true } {
    return { ok: true };
  }
}

@Module({ controllers: [BareController] })
class BareModule {}

/** The ceiling: a NestJS route returning a constant on the same adapter as the product. */
export async function startBareApp(port: number): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(BareModule, new FastifyAdapter(), { logger: false });
  await app.listen(port, '127.0.0.1');
  return app;
}

if (require.main === module) {
  void startBareApp(Number(process.env.PORT ?? 3001));
}
