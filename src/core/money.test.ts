import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addDecimals, roundDecimal, compareDecimals, addMoney, formatMoney, formatQuantity, negateDecimal, topPerCurrency } from './money.ts';
import { OutlayError } from './errors.ts';

test('addDecimals is exact where floats drift', () => {
  // 0.1 + 0.2 in binary floating point is 0.30000000000000004.
  assert.equal(addDecimals(['0.1', '0.2']), '0.3');
  assert.equal(addDecimals(['9.984E-7', '1.81E-8', '-0.000001']), '0.0000000165');
  assert.equal(addDecimals(['5e-06', '-5e-06']), '0.000000');
});

test('roundDecimal rounds half to even', () => {
  assert.equal(roundDecimal('2.345', 2), '2.34');
  assert.equal(roundDecimal('2.355', 2), '2.36');
  assert.equal(roundDecimal('-2.6137', 2), '-2.61');
  assert.equal(roundDecimal('16.29693213663664462748541900', 2), '16.30');
  assert.equal(roundDecimal('7', 2), '7.00');
});

test('compareDecimals orders mixed notations', () => {
  assert.equal(compareDecimals('1e2', '100.000'), 0);
  assert.equal(compareDecimals('-0.01', '0'), -1);
});

test('addMoney refuses to add two currencies', () => {
  assert.deepEqual(addMoney([{ amount: '1.5', currency: 'USD' }, { amount: '2.25', currency: 'USD' }]), { amount: '3.75', currency: 'USD' });
  assert.throws(() => addMoney([{ amount: '1', currency: 'USD' }, { amount: '1', currency: 'CAD' }]), OutlayError);
});

test('formatMoney groups thousands', () => {
  assert.equal(formatMoney('1234567.891', 'USD'), '1,234,567.89 USD');
  assert.equal(formatMoney('-0.004', 'EUR'), '0.00 EUR'); // no negative zero
  assert.equal(formatMoney('-1234.005', 'EUR'), '-1,234.00 EUR');
});

test("formatMoney shows each currency to its ISO 4217 minor unit: whole yen and won, dinars to the fils", () => {
  assert.equal(formatMoney('1000', 'JPY'), '1,000 JPY');
  assert.equal(formatMoney('1234.5', 'JPY'), '1,234 JPY'); // half to even
  assert.equal(formatMoney('1235.5', 'JPY'), '1,236 JPY');
  assert.equal(formatMoney('-0.4', 'KRW'), '0 KRW');
  assert.equal(formatMoney('1.2345', 'KWD'), '1.234 KWD');
  assert.equal(formatMoney('12.345', 'EUR'), '12.34 EUR');
  assert.equal(formatMoney('12.345', 'JPY', 2), '12.34 JPY'); // an explicit number of places wins
});

test('formatQuantity groups integers above 2^53 exactly', () => {
  assert.equal(formatQuantity('18014398509481986'), '18,014,398,509,481,986');
  assert.equal(formatQuantity('9007199254740993.5'), '9,007,199,254,740,994');
  assert.equal(formatQuantity('-1234.567', 1), '-1,234.6');
  assert.equal(formatQuantity('0'), '0');
});

test('negateDecimal flips the sign of a decimal string', () => {
  assert.equal(negateDecimal('1.50'), '-1.50');
  assert.equal(negateDecimal('-0.000000000001'), '0.000000000001');
  assert.equal(addDecimals(['10.25', negateDecimal('0.25')]), '10.00');
  // A leading plus (JSON amounts written as "+1.5") used to become "-+1.5", which nothing could parse.
  assert.equal(negateDecimal('+1.5'), '-1.5');
  assert.equal(addDecimals(['2', negateDecimal('+1.5')]), '0.5');
  assert.equal(negateDecimal('2.5e-3'), '-0.0025');
});

test('topPerCurrency keeps the first n of each currency in order', () => {
  const rows = [['JPY', 9e6], ['JPY', 8e6], ['JPY', 7e6], ['USD', 30], ['EUR', 20], ['USD', 10], ['USD', 5]] as const;
  assert.deepEqual(topPerCurrency(rows, 2, (r) => r[0]), [['JPY', 9e6], ['JPY', 8e6], ['USD', 30], ['EUR', 20], ['USD', 10]]);
});
