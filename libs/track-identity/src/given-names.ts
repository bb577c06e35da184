/**
 * Common given names (and stage-name openers such as "Lil" or "DJ") in several languages. A side of
 * "A - B" that starts with one and has two or three capitalised words reads like a person's name
 * ("Call Me Maybe - Carly Rae Jepsen", "Boyfriend - Justin Bieber"). Names that are also everyday
 * words ("Will", "May", "Rose", "Grace", "Summer") are left out: they open song titles too.
 */
const GIVEN_NAMES = new Set(
  (
    'aaron abel adam adrian adriana agnes aidan aimee alan alana albert alberto alejandro alessandra alessia alex ' +
    'alexander alexandra alexis alfredo ali alice alicia alina alison allison alvaro amanda amber amelia amy ana ' +
    'anastasia andre andrea andreas andres andrew andy angela angelina angie anita ann anna anne annie anthony ' +
    'antoine antonio ariana ashley aubrey audrey austin ava avril barbara barry becky ben benjamin benny bernard ' +
    'beth betty beyonce bianca billie billy blake bob bobby bonnie brad bradley brandon brandy brenda brendan ' +
    'brian britney brittany brooke bruce bruno bryan bryson caitlin calvin camila camille carl carla carlos carly ' +
    'carmen carol caroline carrie casey catherine cathy celine charles charli charlie charlotte chase chelsea ' +
    'cher cheryl chloe chris christian christina christine christopher cindy claire clara claudia colbie cole ' +
    'colin connie conor courtney craig cristina cynthia dan dana daniel daniela danielle danny darius darren dave ' +
    'david dean debbie demi dennis diana diane diego dierks dolly dominic don donna doris dua dylan ed eddie ' +
    'eddy edgar eduardo edward elena eli elias elisa elise eliza elizabeth ella ellie elliott elton elvis ' +
    'emeli emilia emily emma enrique eric erica erik ethan eva evan fabio federico felipe felix fernando fiona ' +
    'florence francesca francesco francis francisco frankie freddie gabriel gabriela gabrielle gary gavin george ' +
    'georgia gerard giovanni gloria gordon greg gregory gwen hailee haley halsey hannah harry hayley heather ' +
    'hector helen helena henri henry hilary hillary hugo ian ignacio imelda ingrid isaac isabel isabella ivan ' +
    'jack jackie jackson jacob jade jaden jaime jake james jamie jan jane janet janelle jared jason javier jay ' +
    'jean jeff jenna jennifer jenny jeremy jerry jesse jessica jessie jim jimi jimmy joan joana joao joe joel ' +
    'johann john johnny jon jonas jonathan jordan jorge jose joseph josh joshua juan julia julian juliana julie ' +
    'julien julio justin kacey kali kanye karen kate katelyn katherine kathleen kathy katie katy kayla keith ' +
    'kelly kelsea ken kendrick kenny kevin khalid kim kimberly kira kirsten kris kristen kristina kylie lana ' +
    'lara laura lauren leah lena leo leon leona leonard lewis liam lily linda lindsay lindsey lionel lisa logan ' +
    'lorenzo louis luca lucas lucia lucy luis luisa luke madeline madison maggie manuel marc marcel marco ' +
    'marcus margaret maria mariah marie marina mario marion marissa martha martin marvin mary matt matthew maya ' +
    'megan meghan melanie melissa mia michael michel michelle miguel mike miley miranda missy mitchell mohamed ' +
    'monica nadia nancy naomi natalia natalie nathan neil nelly nick nicki nicky nicola nicolas nicole nina ' +
    'noah noel nora norah oliver olivia omar oscar owen pablo pamela paolo patricia patrick paul paula pedro ' +
    'peter philip phillip phil pietro rachel rafael ralph randy raphael raquel rebecca ricardo richard ricky rita rob ' +
    'robbie robert roberto robin rod roger roland ronald ronnie ross ruben russell ryan sabrina sally sam ' +
    'samantha samuel sandra sara sarah scott sean sebastian selena sergio shakira shania shawn sheryl simon ' +
    'sofia sophia sophie stacy stefan stefani stephanie stephen steve steven stevie susan suzanne sylvia tamara ' +
    'taylor ted teresa thomas tiffany tim timothy tina tobias todd tom tommy tony tori travis trey troy tyler ' +
    'valentina vanessa veronica victor victoria vincent virginia walter wendy whitney william willie xavier ' +
    'yolanda yvonne zach zachary zara zoe lil dj mc'
  ).split(' '),
);

/** Whether a text reads like a person's name: two or three capitalised (or all lower-case) words, the first a given name. */
export function looksLikePersonName(text: string): boolean {
  const words = text.trim().split(/\s+/);
  if (words.length < 2 || words.length > 3) return false;
  // Capitalised, or all in lower case ("call me maybe - carly rae jepsen"), where case tells nothing.
  const lower = words.every((word) => !/\p{Lu}/u.test(word));
  if (!words.every((word) => (lower || /^\p{Lu}/u.test(word)) && !/\d/.test(word))) return false;
  return GIVEN_NAMES.has(words[0].toLowerCase().normalize('NFD').replace(/\p{M}/gu, ''));
}
