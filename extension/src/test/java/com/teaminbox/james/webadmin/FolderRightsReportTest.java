package com.teaminbox.james.webadmin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FolderRightsReportTest {
    @ParameterizedTest(name = "''{0}'' vs ''{1}'': {2}")
    @CsvSource({
        "lrswipkxtea, aeiklprstwx, true",
        "lr, rl, true",
        "'', '', true",
        "lrswipkxtea, aeiklprstw, false",
        "lr, lrs, false",
        "lr, '', false"})
    void rightsShouldBeComparedAsSets(String configured, String granted, boolean same) {
        assertThat(FolderRightsReport.sameRights(configured, granted)).isEqualTo(same);
    }
}
