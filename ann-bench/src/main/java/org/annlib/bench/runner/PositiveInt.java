package org.annlib.bench.runner;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A count on the command line ({@code --k}, {@code --runs}, {@code --nlist}): a whole number above zero. */
final class PositiveInt implements ITypeConverter<Integer> {
  @Override
  public Integer convert(String value) {
    try {
      int n = Integer.parseInt(value.trim());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // the same message for both
    }
    throw new TypeConversionException("'" + value + "' is not a positive whole number");
  }
}
