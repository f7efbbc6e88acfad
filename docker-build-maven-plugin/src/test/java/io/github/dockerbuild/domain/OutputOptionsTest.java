package io.github.dockerbuild.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dockerbuild.config.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutputOptionsTest {

  @Test
  void default_isZstdLevel9ForcedOci() {
    assertThat(OutputOptions.DEFAULT)
        .isEqualTo(new OutputOptions(Compression.ZSTD, 9, true, true));
    assertThat(OutputOptions.DEFAULT.toAttributes())
        .isEqualTo("compression=zstd,compression-level=9,force-compression=true,oci-mediatypes=true");
  }

  @ParameterizedTest(name = "{0} level={1} force={2} oci={3}")
  @CsvSource(delimiter = '|', textBlock = """
      ZSTD         | 0  | false | true  | compression=zstd,compression-level=0,oci-mediatypes=true
      ZSTD         | 22 | true  | true  | compression=zstd,compression-level=22,force-compression=true,oci-mediatypes=true
      ZSTD         |    | false | true  | compression=zstd,oci-mediatypes=true
      GZIP         | 9  | true  | false | compression=gzip,compression-level=9,force-compression=true,oci-mediatypes=false
      GZIP         |    | false | false | compression=gzip,oci-mediatypes=false
      ESTARGZ      | 5  | false | true  | compression=estargz,compression-level=5,oci-mediatypes=true
      UNCOMPRESSED | 0  | true  | true  | compression=uncompressed,force-compression=true,oci-mediatypes=true
      UNCOMPRESSED |    | false | false | compression=uncompressed,oci-mediatypes=false
      """)
  void toAttributes_followsEveryOption(Compression compression, Integer level, boolean force, boolean oci,
      String expected) {
    assertThat(new OutputOptions(compression, level, force, oci).toAttributes()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} level {1}")
  @CsvSource({
    "ZSTD, 23, zstd, 22",
    "ZSTD, -1, zstd, 22",
    "GZIP, 10, gzip, 9",
    "ESTARGZ, 10, estargz, 9"
  })
  void constructor_levelOutOfRange_namesParameterAndRange(Compression compression, int level, String name, int max) {
    assertThatThrownBy(() -> new OutputOptions(compression, level, true, true))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("<compressionLevel> '" + level + "' is out of range for " + name + ": use 0.." + max
            + " or leave it empty");
  }

  @Test
  void constructor_zstdWithoutOciMediaTypes_conflict() {
    assertThatThrownBy(() -> new OutputOptions(Compression.ZSTD, 3, true, false))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("<ociMediaTypes> 'false' conflicts with <compression>zstd: zstd layers need OCI media types: "
            + "set <ociMediaTypes>true or use <compression>gzip");
  }

  @Test
  void constructor_estargzWithoutOciMediaTypes_conflict() {
    assertThatThrownBy(() -> new OutputOptions(Compression.ESTARGZ, null, false, false))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("<ociMediaTypes> 'false' conflicts with <compression>estargz: estargz layers need OCI media "
            + "types: set <ociMediaTypes>true or use <compression>gzip");
  }
}
