-- Inbound SMS webhook: each request a distinct message, signed as Twilio signs.
-- BENCH_SMS_REQUESTS names a file of "signature<TAB>body" lines (bench/sms.py);
-- BENCH_SMS_PATH is the webhook's path. Each thread takes its own share of the
-- lines, so no message is sent twice.
local threads = 0

function setup(thread)
  thread:set("thread_number", threads)
  threads = threads + 1
end

local entries = {}
local sent = 0

function init(args)
  local count = tonumber(os.getenv("BENCH_WRK_THREADS"))
  local index = 0
  for line in io.lines(os.getenv("BENCH_SMS_REQUESTS")) do
    if index % count == thread_number then
      local signature, body = line:match("^([^\t]+)\t(.*)$")
      entries[#entries + 1] = { signature = signature, body = body }
    end
    index = index + 1
  end
end

function request()
  sent = sent + 1
  local entry = entries[((sent - 1) % #entries) + 1]
  return wrk.format("POST", os.getenv("BENCH_SMS_PATH"), {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["X-Twilio-Signature"] = entry.signature,
  }, entry.body)
end
