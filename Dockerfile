# tokencheck: build with Maven on JDK 25, run on a JRE 25 as a non-root user.
# docker build -t tokencheck . && docker run -p 8080:8080 -v $PWD/tokencheck.yaml:/etc/tokencheck/tokencheck.yaml:ro tokencheck
FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
COPY pom.xml ./
COPY service/pom.xml service/
COPY bench/pom.xml bench/
COPY loadtest/pom.xml loadtest/
COPY service/src service/src
RUN mvn -B -ntp -pl service -am package -DskipTests

FROM eclipse-temurin:25-jre
RUN useradd --system --uid 10001 --no-create-home tokencheck \
 && mkdir -p /etc/tokencheck /opt/tokencheck
COPY --from=build /src/service/target/tokencheck.jar /opt/tokencheck/
COPY --from=build /src/service/target/libs /opt/tokencheck/libs
USER 10001
EXPOSE 8080
# The configuration is mounted here; TOKENCHECK_* environment variables override single options.
ENV TOKENCHECK_CONFIG=/etc/tokencheck/tokencheck.yaml
HEALTHCHECK --interval=10s --timeout=2s --start-period=20s --retries=3 \
  CMD ["java", "-cp", "/opt/tokencheck/tokencheck.jar", "io.tokencheck.cli.HealthProbe", "http://127.0.0.1:8080/health/ready"]
# Exactly the command the tests run: java -jar tokencheck.jar serve --config FILE
ENTRYPOINT ["java", "-jar", "/opt/tokencheck/tokencheck.jar", "serve", "--config", "/etc/tokencheck/tokencheck.yaml"]
