# Writes the text of INPUT into OUTPUT as a C++ raw string constant NAME.
file(READ "${INPUT}" content)
file(WRITE "${OUTPUT}"
  "// Generated from ${INPUT}; do not edit.\n"
  "static constexpr const char ${NAME}[] = R\"ACCEL_EMBED(${content})ACCEL_EMBED\";\n")
