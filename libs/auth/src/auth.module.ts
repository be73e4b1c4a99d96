import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard';
import { AUTH_OPTIONS, type AuthOptions } from './auth.options';
import { TokenVerifier } from './token-verifier';

/** Bearer-token authentication and role/node-scoped authorisation for every HTTP route. */
@Module({})
export class AuthModule {
  static forRoot(options: AuthOptions): DynamicModule {
    if (!options.publicKeyPem && !options.jwksUrl) {
      throw new Error('auth: configure a public key or a JWKS URL');
    }
    return {
      module: AuthModule,
      global: true,
      providers: [
        { provide: AUTH_OPTIONS, useValue: options },
        TokenVerifier,
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [AUTH_OPTIONS, TokenVerifier],
    };
  }
}
