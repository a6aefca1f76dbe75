// Drives OpenMeter's JavaScript SDK, unchanged, against metering-service (OpenMeterSdkTest, issue 15).
// In: BASE_URL, API_KEY, METER (an OpenMeter-style meter: valueProperty $.tokens, groupBy model and type),
// CUSTOMER. Out: one JSON line saying what each call resolved to or threw.
import { OpenMeter, isHTTPError } from '@openmeter/sdk';

const openmeter = new OpenMeter({ baseUrl: process.env.BASE_URL, apiKey: process.env.API_KEY });
const type = process.env.METER;
const subject = process.env.CUSTOMER;
const result = {};

async function outcome(call) {
  try {
    return { resolved: (await call()) ?? null };
  } catch (e) {
    return { threw: { httpError: isHTTPError(e), status: e.status, message: e.message } };
  }
}

// The example of the SDK's README, with our meter's name as its type and our customer as its subject.
const readme = () => openmeter.events.ingest({
  type,
  subject,
  id: 'evt_01234567',
  source: 'llm-api-gateway',
  time: new Date(),
  data: { model: 'gpt-4', type: 'input', tokens: 1250 },
});
result.readme = await outcome(readme);
// Sent again, as a retry would: the same id, so it counts once.
result.readmeAgain = await outcome(readme);

// 1,000 events in one call; the SDK fills in each id, source, specversion and time.
const batch = [];
for (let i = 0; i < 1000; i++) {
  batch.push({
    type,
    subject,
    data: { model: i % 2 === 0 ? 'gpt-4' : 'o3', type: i % 3 === 0 ? 'output' : 'input', tokens: i + 1 },
  });
}
result.batch = await outcome(() => openmeter.events.ingest(batch));

// A refusal: no tokens where the meter reads them.
result.refused = await outcome(() => openmeter.events.ingest({ type, subject, id: 'evt_no_tokens', data: { model: 'gpt-4' } }));

// A credential that is not a key.
result.unauthenticated = await outcome(() => new OpenMeter({ baseUrl: process.env.BASE_URL, apiKey: 'mlk_not_a_key' })
  .events.ingest({ type, subject, id: 'evt_bad_key', data: { tokens: 1 } }));

console.log(JSON.stringify(result));
