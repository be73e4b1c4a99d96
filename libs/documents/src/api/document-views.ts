import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Transform } from 'class-transformer';
import { PageQueryDto } from '@kaf/platform';

export class HeldDocumentView {
  @ApiProperty({ example: 'billing-policy' }) document!: string;
  @ApiProperty({ example: 'CN', description: 'The node that issued these versions' }) issuer!: string;
  @ApiProperty({ description: 'Keys held (1 for a single-body document)' }) keys!: number;
  @ApiProperty({ example: '3', description: 'Highest version held of any key' }) highestVersion!: string;
  @ApiProperty() lastStoredAt!: string;
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description:
      'Node-and-key pairs of this subtree that ought to hold the version held here (null below the audience)',
  })
  expectedReceipts!: number | null;
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description: 'Of those, how many reported it applied',
  })
  upToDate!: number | null;
}

export class DocumentReceiptView {
  @ApiProperty({ example: '440300' }) node!: string;
  @ApiProperty({ enum: ['national', 'province', 'city'] }) tier!: string;
  @ApiProperty({ example: '', description: "The key within the document ('' for a single-body document)" })
  key!: string;
  @ApiProperty({ example: 'CN' }) issuer!: string;
  @ApiProperty({ example: '3', description: 'The version this node holds (issued, or received)' })
  heldVersion!: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The version the node reported applied' })
  appliedVersion!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) appliedAt!: string | null;
  @ApiProperty({ description: 'The node applied the version held here (or a later one)' }) upToDate!: boolean;
}

export class ListReceiptsQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only this key' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  key?: string;

  @ApiPropertyOptional({ description: 'Only this node', example: '440300' })
  @IsOptional()
  @Matches(/^(CN|\d{6})$/, { message: 'node must be CN or a 6-digit node code' })
  node?: string;

  @ApiPropertyOptional({
    type: Boolean,
    default: false,
    description: 'Only nodes that have not applied the version held here',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  behind = false;
}

export class ResyncRequestedView {
  @ApiProperty({ example: 'group-registry' }) document!: string;
  @ApiProperty({ description: 'Id of the request message sent to the parent' }) messageId!: string;
  @ApiProperty({ example: '440000' }) sentTo!: string;
}
