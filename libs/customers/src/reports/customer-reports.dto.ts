import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { ListCustomersQuery } from '../query/customer-query';

const CITY_CODE = /^\d{4}00$/;

/** The province's customer list: the city filters plus `cityCode`. */
export class ListReportedCustomersQuery extends ListCustomersQuery {
  @ApiPropertyOptional({ example: '440300' })
  @IsOptional()
  @Matches(CITY_CODE, { message: 'cityCode must be a GB/T 2260 city code' })
  cityCode?: string;
}

/** Ask a city to re-send every customer snapshot. */
export class CreateCustomerResyncDto {
  @ApiProperty({ example: '440300' })
  @IsString()
  @Matches(CITY_CODE, { message: 'cityCode must be a GB/T 2260 city code' })
  cityCode!: string;
}

export class CustomerResyncView {
  @ApiProperty() cityCode!: string;
  @ApiProperty({ format: 'uuid', description: 'Id of the request message' }) messageId!: string;
  @ApiProperty() requestedAt!: string;
}
