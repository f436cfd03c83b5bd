"""The Redis lookup script: many reads of versioned entries in one round trip, and how a batch of
reads becomes its arguments."""

import secrets
from collections.abc import Sequence

from adapters.cache.store import DEPS_SUFFIX

STAMP_TTL_SECONDS = 7 * 24 * 3600  # a lost stamp is replaced by a new one, so expiry is safe
# Many reads in one round trip. KEYS are the generations the batch's reads depend on, each once;
# ARGV[1] a fresh random token; then one argument per read: "<checked>|<indexes into KEYS>|<base>"
# (the base last: it may hold any character). Each read answers the key `base@stamps` (same as
# stamped()) and the entry there. A missing stamp (first use, eviction, expiry) is created on the
# way from the fresh token: never an old value, so entries stored under a lost stamp stay
# unreachable. A checked entry answers only while every generation in its `#deps` key
# (encode_deps()) keeps its stamp.
LOOKUP_MANY = f"""
local function current(deps)
  local at, size = 1, #deps
  while at <= size do
    local name_end = string.find(deps, '\\0', at, true)
    local stamp_end = string.find(deps, '\\0', name_end + 1, true) or (size + 1)
    local name = string.sub(deps, at, name_end - 1)
    if redis.call('GET', name) ~= string.sub(deps, name_end + 1, stamp_end - 1) then return false end
    at = stamp_end + 1
  end
  return true
end
local stamps = {{}}
for first = 1, #KEYS, 1000 do  -- unpack() takes a few thousand values at most
  local part = redis.call('MGET', unpack(KEYS, first, math.min(first + 999, #KEYS)))
  for j = 1, #part do stamps[first + j - 1] = part[j] end
end
for j = 1, #KEYS do
  if not stamps[j] then
    redis.call('SET', KEYS[j], ARGV[1] .. j, 'EX', {STAMP_TTL_SECONDS}, 'NX')
    stamps[j] = redis.call('GET', KEYS[j])
  end
end
local answers = {{}}
for i = 2, #ARGV do
  local spec = ARGV[i]
  local first_bar = string.find(spec, '|', 1, true)
  local second_bar = string.find(spec, '|', first_bar + 1, true)
  local own = {{}}
  for index in string.gmatch(string.sub(spec, first_bar + 1, second_bar - 1), '%d+') do
    own[#own + 1] = stamps[tonumber(index)]
  end
  local key = string.sub(spec, second_bar + 1) .. '@' .. table.concat(own, '.')
  local entry = false
  if string.sub(spec, 1, first_bar - 1) == '1' then
    local deps = redis.call('GET', key .. '{DEPS_SUFFIX}')
    if deps and current(deps) then entry = redis.call('GET', key) end
  else
    entry = redis.call('GET', key)
  end
  answers[#answers + 1] = key
  answers[#answers + 1] = entry
end
return answers
"""


def lookup_arguments(reads: Sequence[tuple[Sequence[str], str, bool]]) -> tuple[list[str], list[str]]:
    """(KEYS, ARGV) of LOOKUP_MANY for these reads, each `(generation names, base, checked)`."""
    positions: dict[str, int] = {}  # each generation once: most reads share the epoch and more
    args = [secrets.token_hex(8)]
    for names, base, checked in reads:
        indexes = ".".join(str(positions.setdefault(name, len(positions) + 1)) for name in names)
        args.append(f"{int(checked)}|{indexes}|{base}")
    return list(positions), args
