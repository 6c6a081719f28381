/** An integer number of minor units (cents) and an ISO-4217 currency. No floats near money. */
export interface Money {
  amount: number;
  currency: string;
}
