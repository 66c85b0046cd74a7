import AWSRuntime
import Foundation
import Testing

struct INIFileTests {
    @Test func sectionsValuesCommentsAndNestedSettings() {
        let file = INIFile(
            parsing: """
                # a comment
                [default]
                region = eu-west-1
                aws_access_key_id=AKID ; trailing comment
                ; another comment

                [profile dev]
                role_arn = arn:aws:iam::123456789012:role/deploy
                s3 =
                  endpoint_url = http://127.0.0.1:9000
                services = local

                [services local]
                ecs =
                  endpoint_url = http://127.0.0.1:4566
                """)
        #expect(file.sections["default"]?.values["region"] == "eu-west-1")
        #expect(file.sections["default"]?.values["aws_access_key_id"] == "AKID")
        #expect(file.sections["profile dev"]?.nested["s3"]?["endpoint_url"] == "http://127.0.0.1:9000")
        #expect(file.sections["profile dev"]?.values["services"] == "local")
        #expect(file.sections["services local"]?.nested["ecs"]?["endpoint_url"] == "http://127.0.0.1:4566")
    }

    @Test func profileMergesCredentialsOverConfig() {
        let files = SharedConfigFiles(
            config: INIFile(parsing: "[profile dev]\nregion = us-west-2\naws_access_key_id = FROMCONFIG\n"),
            credentials: INIFile(parsing: "[dev]\naws_access_key_id = FROMCREDS\naws_secret_access_key = s\n"))
        let profile = files.profile("dev")
        #expect(profile["region"] == "us-west-2")
        #expect(profile["aws_access_key_id"] == "FROMCREDS")
        #expect(files.hasProfile("dev"))
        #expect(!files.hasProfile("prod"))
    }
}
