keytool -genkeypair -alias james -keyalg RSA -keysize 2048 -validity 825 -storetype PKCS12 -keystore conf/keystore -storepass james72laBalle -keypass james72laBalle -dname CN=mail.example.test
