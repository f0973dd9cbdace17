import { describe, expect, it } from "vitest";
import { namesSpeaker } from "../../../src/library/search/speaker-match.ts";

const barack = ["barack obama", "obama", "president obama", "mr obama"];
const hillary = ["hillary clinton", "clinton", "mrs clinton", "secretary clinton"];

describe("namesSpeaker: does a quoted person's name answer to the person asked about?", () => {
  it("matches by surname, full name or alias, with titles ignored", () => {
    expect(namesSpeaker(barack, "obama")).toBe(true);
    expect(namesSpeaker(barack, "barack obama")).toBe(true);
    expect(namesSpeaker(barack, "president obama")).toBe(true);
    expect(namesSpeaker(["norman ham", "ham"], "gen. norman ham")).toBe(true);
    expect(namesSpeaker(["robin butler", "butler"], "lord butler")).toBe(true);
  });

  it("refuses a first name the article contradicts (Michelle is not Barack, Bill is not Hillary)", () => {
    expect(namesSpeaker(barack, "michelle obama")).toBe(false);
    expect(namesSpeaker(hillary, "bill clinton")).toBe(false);
    expect(namesSpeaker(barack, "ted cruz")).toBe(false);
  });

  it("accepts a short form of the first name and skips middle initials (Joe for Joseph R.)", () => {
    expect(namesSpeaker(["joseph r. biden", "biden", "mr biden"], "joe biden")).toBe(true);
    expect(namesSpeaker(["william j. clinton", "clinton"], "bill clinton")).toBe(true);
  });

  it("credits a surname-only quote to the asked-about person unless the article knows them as someone else", () => {
    const surnameOnly = ["obama", "president obama", "mr obama"];
    expect(namesSpeaker(surnameOnly, "michelle obama")).toBe(true);
    expect(namesSpeaker(surnameOnly, "michelle obama", new Set(["michelle obama", "obama"]))).toBe(false);
  });
});
