import { ApiProperty } from '@nestjs/swagger';

/** A fresh session: a short-lived access JWT and the opaque refresh token that renews it once. */
export class TokenPairDto {
  @ApiProperty({ example: 'Bearer', enum: ['Bearer'] }) tokenType: 'Bearer';
  @ApiProperty({ description: 'JWT (HS256) for `Authorization: Bearer`', example: 'eyJhbGciOiJIUzI1NiIs...' })
  accessToken: string;
  @ApiProperty({ description: 'Seconds until the access token expires', example: 900 }) expiresIn: number;
  @ApiProperty({ description: 'Opaque, single-use: /auth/refresh spends it and returns a new pair', example: 'q1Xo0c...' })
  refreshToken: string;
  @ApiProperty({ description: 'When the refresh token expires', example: '2030-01-31T12:00:00.000Z' })
  refreshTokenExpiresAt: string;
}
