package io.github.dockerbuild.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dockerbuild.config.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretTest {

  @ParameterizedTest(name = "id={0} env={1} file={2}")
  @CsvSource(delimiter = '|', textBlock = """
      npm          | NPM_TOKEN |                 | id=npm,env=NPM_TOKEN
      npmrc        |           | /home/u/.npmrc  | id=npmrc,src=/home/u/.npmrc
      npmrc        | '  '      | /home/u/.npmrc  | id=npmrc,src=/home/u/.npmrc
      my_id.v-2    | X         |                 | id=my_id.v-2,env=X
      """)
  void toArg_envOrSrc(String id, String env, String file, String expected) {
    assertThat(new Secret(id, env, file).toArg()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "''{0}''")
  @NullAndEmptySource
  @ValueSource(strings = {"a b", "a/b", "id,env=X", "tök", "a=b"})
  void constructor_badId_namesParameterAndFix(String id) {
    assertThatThrownBy(() -> new Secret(id, "ENV", null))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("<secrets><secret><id> '" + id + "' is not a secret id: use letters, digits, '_', '.' or '-'");
  }

  @Test
  void constructor_bothEnvAndFile_refused() {
    assertThatThrownBy(() -> new Secret("tok", "TOKEN", "/run/token"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("<secrets><secret> 'tok' needs exactly one of <env> or <file>: "
            + "give the environment variable or the file that holds the secret");
  }

  @ParameterizedTest(name = "env=''{0}'' file=''{1}''")
  @CsvSource(value = {"NULL, NULL", "'', ''", "' ', NULL"}, nullValues = "NULL")
  void constructor_neitherEnvNorFile_refused(String env, String file) {
    assertThatThrownBy(() -> new Secret("tok", env, file))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("<secrets><secret> 'tok' needs exactly one of <env> or <file>: "
            + "give the environment variable or the file that holds the secret");
  }
}
